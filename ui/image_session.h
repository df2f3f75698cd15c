// ImageSession: one opened image as the viewer holds it — the shared Engine, the ImageRef every
// request names, and what the panels need from its metadata (size, levels, frames, bands,
// georeferencing). Immutable once opened; shared by the window, canvas and panels.
#pragma once

#include <QMetaType>
#include <QString>
#include <memory>
#include <nlohmann/json.hpp>

#include "service/engine.h"
#include "source/source_info.h"

namespace tessera::ui {

struct ImageSession {
    std::shared_ptr<Engine> engine;
    ImageRef ref;
    nlohmann::json metadata;  // Engine::metadata (large_image getMetadata)
    SourceInfo info;
    int width = 0;
    int height = 0;
    int levels = 0;
    int frameCount = 1;
    int bandCount = 0;
    QString displayName;  // file name or URL for titles
};

using SessionPtr = std::shared_ptr<const ImageSession>;

// Opens uri through the engine (blocking: call it on a worker thread). Throws tessera::Error.
SessionPtr openSession(std::shared_ptr<Engine> engine, const QString& uri);

// True for http(s)://, s3://, gs://, az://, /vsi… and other non-file locations
// (core's isFileSystemPath decides).
bool isRemoteLocation(const QString& uri);

}  // namespace tessera::ui

Q_DECLARE_METATYPE(tessera::ui::SessionPtr)
