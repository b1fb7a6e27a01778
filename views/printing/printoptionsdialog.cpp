#include "printoptionsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace Workplan {

PrintOptionsDialog::PrintOptionsDialog(const PrintOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_options(options)
    , m_paper(new QComboBox(this))
    , m_orientation(new QComboBox(this))
    , m_across(new QSpinBox(this))
    , m_down(new QSpinBox(this))
{
    setWindowTitle(tr("Page Setup"));
    setObjectName(QStringLiteral("printOptionsDialog"));

    m_paper->setObjectName(QStringLiteral("paper"));
    m_paper->addItem(tr("A4"), int(QPageSize::A4));
    m_paper->addItem(tr("A3"), int(QPageSize::A3));
    m_paper->addItem(tr("Letter"), int(QPageSize::Letter));
    m_paper->setCurrentIndex(qMax(0, m_paper->findData(int(options.paper))));

    m_orientation->setObjectName(QStringLiteral("orientation"));
    m_orientation->addItem(tr("Portrait"), int(QPageLayout::Portrait));
    m_orientation->addItem(tr("Landscape"), int(QPageLayout::Landscape));
    m_orientation->setCurrentIndex(qMax(0, m_orientation->findData(int(options.orientation))));

    // The same bounds as PrintOptions::tilesFromText (the command line's --tiles).
    for (QSpinBox *spin : {m_across, m_down})
        spin->setRange(1, 20);
    m_across->setObjectName(QStringLiteral("tilesAcross"));
    m_down->setObjectName(QStringLiteral("tilesDown"));
    m_across->setValue(options.tilesAcross);
    m_down->setValue(options.tilesDown);

    auto *tiles = new QHBoxLayout;
    tiles->addWidget(m_across);
    tiles->addWidget(new QLabel(tr("across \u00d7"), this));
    tiles->addWidget(m_down);
    tiles->addWidget(new QLabel(tr("down"), this));
    tiles->addStretch();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Paper:"), m_paper);
    form->addRow(tr("&Orientation:"), m_orientation);
    form->addRow(tr("Graph &pages:"), tiles);
    auto *hint = new QLabel(tr("1 \u00d7 1 fits the graph on one page; more pages overlap a little "
                               "and carry marks for gluing."), this);
    hint->setWordWrap(true);
    form->addRow(hint);
    form->addRow(buttons);
}

PrintOptions PrintOptionsDialog::options() const
{
    PrintOptions o = m_options;
    o.paper = QPageSize::PageSizeId(m_paper->currentData().toInt());
    o.orientation = QPageLayout::Orientation(m_orientation->currentData().toInt());
    o.tilesAcross = m_across->value();
    o.tilesDown = m_down->value();
    return o;
}

} // namespace Workplan
