// Small helpers shared by the export dialogs: the format combo box and a path row with a
// Browse button that keeps the file extension in step with the format.
#pragma once

#include <QString>

#include "encode/encoding.h"

class QComboBox;
class QLineEdit;
class QWidget;

namespace tessera::ui {

QComboBox* makeFormatCombo(QWidget* parent);
Encoding formatOf(const QComboBox* combo);
void setFormat(QComboBox* combo, Encoding e);
// A line edit with a Browse… button; returns the row widget, the edit in *edit.
QWidget* makePathRow(QWidget* parent, QLineEdit** edit, const QComboBox* format);
// path with its extension replaced by the format's.
QString withExtension(const QString& path, Encoding e);
QString withExtension(const QString& path, const QString& extension);

// The writable formats of the formats registry (ServiceConfig): item data = GDAL driver,
// Qt::UserRole + 1 = the extension. makePathRow follows either kind of combo.
QComboBox* makeRegistryFormatCombo(QWidget* parent);
QString registryFormatOf(const QComboBox* combo);
void setRegistryFormat(QComboBox* combo, const QString& driver);
// The file extension of the combo's current format (registry or Encoding combo).
QString extensionOf(const QComboBox* combo);

}  // namespace tessera::ui
