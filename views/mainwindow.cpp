#include "mainwindow.h"

#include "model/storage/projectfile.h"

#include <QLabel>
#include <QMessageBox>

namespace Workplan {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Workplan"));
    setCentralWidget(new QLabel(tr("No project open"), this));
    resize(1200, 800);
}

bool MainWindow::openFile(const QString &path)
{
    QString error;
    const auto project = ProjectFile::load(path, &error);
    if (!project) {
        QMessageBox::warning(this, tr("Cannot open project"), error);
        return false;
    }
    setWindowTitle(tr("%1 — Workplan").arg(project->name));
    static_cast<QLabel *>(centralWidget())->setText(tr("%n task(s)", nullptr, project->taskCount()));
    return true;
}

} // namespace Workplan
