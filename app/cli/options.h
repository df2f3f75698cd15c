// Shared pieces of the CLI commands: the parser with the REST-named options, turning them
// into request values, and writing results (JSON on stdout, images to -o FILE atomically).
#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "encode/encoder.h"
#include "service/requests.h"

namespace tessera::cli {

// Raised for bad command-line input; the dispatcher prints it and exits 2.
struct UsageError {
    std::string message;
};

// Options every image command takes: --projection, --source, style options, --frame.
void addImageOptions(QCommandLineParser& p);
void addStyleOptions(QCommandLineParser& p);
void addOutputOptions(QCommandLineParser& p, const char* defaultEncoding);

// Parses args (args[0] = "tessera <command>"); throws UsageError. Returns the positionals.
QStringList parseOrThrow(QCommandLineParser& p, const QStringList& args, int minPositional,
                         int maxPositional);

ImageRef imageRef(const QCommandLineParser& p, const QString& path);
StyleSpec styleSpec(const QCommandLineParser& p);
bool styleGiven(const QCommandLineParser& p);

int intOption(const QCommandLineParser& p, const QString& name, int fallback);
double doubleOption(const QCommandLineParser& p, const QString& name);
std::optional<double> optionalDouble(const QCommandLineParser& p, const QString& name);

// The encoding from --encoding, else from the -o extension, else the default.
Encoding outputEncoding(const QCommandLineParser& p, Encoding fallback);
EncodeOptions encodeOptions(const QCommandLineParser& p);

// Writes bytes to -o (atomically) or to stdout for "-". Throws UsageError without -o.
void writeOutput(const QCommandLineParser& p, const Bytes& bytes);
void printJson(const nlohmann::json& j);

}  // namespace tessera::cli
