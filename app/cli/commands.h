// The CLI commands, one function each (one file each). Each gets the arguments after the
// command name (args[0] is "tessera <command>") and the shared engine; returns the exit code.
#pragma once

#include <QStringList>
#include <string>

namespace tessera {
class Engine;
}

namespace tessera::cli {

int cmdInfo(Engine& engine, const QStringList& args);
int cmdTile(Engine& engine, const QStringList& args);
int cmdRegion(Engine& engine, const QStringList& args);
int cmdThumbnail(Engine& engine, const QStringList& args);
int cmdPixel(Engine& engine, const QStringList& args);
int cmdHistogram(Engine& engine, const QStringList& args);
int cmdSample(Engine& engine, const QStringList& args);
int cmdServe(Engine& engine, const QStringList& args);
int cmdValidate(Engine& engine, const QStringList& args);
int cmdConvert(Engine& engine, const QStringList& args);
int cmdFormats(Engine& engine, const QStringList& args);  // cmd_formats.cpp
int cmdCrs(Engine& engine, const QStringList& args);      // cmd_crs.cpp
int cmdLibrary(Engine& engine, const QStringList& args);
int cmdAssociated(Engine& engine, const QStringList& args);  // cmd_associated.cpp
int cmdProbe(Engine& engine, const QStringList& args);       // cmd_probe.cpp

// Makes the built-in sample (once), drawing progress on stderr; returns its path.
std::string ensureSampleWithProgress(const std::string& dir, int size);

}  // namespace tessera::cli
