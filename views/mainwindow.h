#pragma once

#include <QMainWindow>

namespace Workplan {

class AnalysisController;
class ProjectDocument;
class TaskSelection;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ProjectDocument *document() const { return m_document; }
    TaskSelection *selection() const { return m_selection; }
    AnalysisController *analysis() const { return m_analysis; }

    bool openFile(const QString &path);

private:
    void updateTitle();

    ProjectDocument *m_document;
    TaskSelection *m_selection;
    AnalysisController *m_analysis;
};

} // namespace Workplan
