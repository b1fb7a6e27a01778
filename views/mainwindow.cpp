#include "mainwindow.h"

#include "analysiscontroller.h"
#include "analysispanel.h"
#include "graph/graphview.h"
#include "taskselection.h"

#include "model/projectdocument.h"
#include "model/storage/projectfile.h"

#include <QFileInfo>
#include <QMessageBox>

namespace Workplan {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new ProjectDocument(this))
    , m_selection(new TaskSelection(this))
    , m_analysis(new AnalysisController(m_document, this))
{
    // [graph] the canvas is the central widget.
    setCentralWidget(GraphView::create(m_document, m_selection, m_analysis, this));
    // [tree] [inspector] [palette] [undo] docks.
    AnalysisPanel::addDock(this, m_analysis, m_selection, m_document);   // [analysis] dock

    connect(m_document, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::projectPropertiesChanged, this, &MainWindow::updateTitle);
    updateTitle();
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

bool MainWindow::openFile(const QString &path)
{
    QString error;
    auto project = ProjectFile::load(path, &error);
    if (!project) {
        QMessageBox::warning(this, tr("Cannot open project"), error);
        return false;
    }
    m_document->resetProject(std::move(*project), path);
    return true;
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    setWindowTitle(QStringLiteral("%1[*] \u2014 Workplan").arg(name));
    setWindowModified(m_document->isModified());
}

} // namespace Workplan
