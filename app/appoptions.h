#pragma once

#include <QStringList>

namespace Workplan::AppOptions {

// True when the first argument asks for --help/-h or --version/-v: answered without a
// display, before any QApplication exists.
bool isInfoRequest(const QStringList &arguments);

// Prints the help or the version with QCommandLineParser; needs a QCoreApplication.
int run(const QStringList &arguments);

} // namespace Workplan::AppOptions
