// File > Recent projects, kept in QSettings, newest first.
#pragma once

#include <QStringList>

namespace il::recent {

constexpr int kMaxProjects = 10;

QStringList projects();
void add(const QString& path);
void remove(const QString& path);
void clear();

}  // namespace il::recent
