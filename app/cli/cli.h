// The command-line interface: `tessera <command> ...`. Data goes to stdout as JSON, images to
// files (-o). Bad input prints one line on stderr and exits 2.
#pragma once

#include <QString>

namespace tessera::cli {

int run(int argc, char** argv);

// True when name is a CLI command (or --help/--version): main() then runs headless.
bool isCliCommand(const QString& name);

}  // namespace tessera::cli
