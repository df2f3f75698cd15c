// Entry point of the `tessera` executable: dispatches CLI commands.
#include <QCoreApplication>

#include "cli/cli.h"

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tessera"));
    QCoreApplication::setOrganizationName(QStringLiteral("tessera"));
    return tessera::cli::run(argc, argv);
}
