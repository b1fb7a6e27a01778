#pragma once

#include "planprinter.h"

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace Workplan {

// Page setup for the printed plan: paper, orientation and how many sheets the graph is
// tiled over. Used before a PDF export and from the print preview's toolbar.
class PrintOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PrintOptionsDialog(const PrintOptions &options, QWidget *parent = nullptr);

    // The options as the dialog shows them; fields it does not show are kept.
    PrintOptions options() const;

private:
    PrintOptions m_options;
    QComboBox *m_paper;
    QComboBox *m_orientation;
    QSpinBox *m_across;
    QSpinBox *m_down;
};

} // namespace Workplan
