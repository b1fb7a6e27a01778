#pragma once

#include <QStringList>

namespace Workplan::CommandLine {

// True when argv names a headless subcommand (analyze, convert, ...).
bool isSubcommand(const QStringList &arguments);

// Runs the subcommand and returns the process exit status. Needs only a QCoreApplication.
int run(const QStringList &arguments);

} // namespace Workplan::CommandLine
