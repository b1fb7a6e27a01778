#pragma once

#include <QMainWindow>

namespace Workplan {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    bool openFile(const QString &path);
};

} // namespace Workplan
