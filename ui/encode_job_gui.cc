#include "encode_job_gui.h"

#include <QLocale>

#include "interestlens_core.h"

namespace il {

namespace {

// "1,234 of 5,000 texts · 310 texts/s, ETA 12 s": the engine's phase carries the
// rate and ETA; the counts go in front so the status bar says how far it is.
std::string withCounts(const Progress& p) {
  if (p.total <= 0) return p.phase;
  QString detail = QString::fromStdString(p.phase);
  const QString prefix = QStringLiteral("Encoding: ");
  if (detail.startsWith(prefix)) detail = detail.mid(prefix.size());
  const QLocale locale;
  return QStringLiteral("%1 of %2 texts · %3")
      .arg(locale.toString(p.done), locale.toString(p.total), detail)
      .toStdString();
}

}  // namespace

JobRunner::Work encodeWork(EncodeRequest request, std::shared_ptr<EncodeOutcome> out) {
  return [request = std::move(request), out](JobControl& job) {
    const EncoderSettings& s = request.settings;
    out->kind = QString::fromStdString(s.kind);
    try {
      // Our own connection, on this thread: the window's stays on the GUI thread.
      auto project = Project::open(request.projectPath.toStdString(), Project::Mode::OpenExisting);
      job.report({0, 0, s.kind == "tfidf" ? "Preparing tfidf" : "Loading the " + s.kind + " model"});
      auto encoder = createEncoder(s);
      if (job.cancelled()) return;  // a model load cannot be interrupted, so check after it
      // encodeProject polls the control it is given between chunks and reports after
      // each one; a relay adds the counts and passes Cancel on at every report.
      JobControl* relay = nullptr;
      JobControl local([&job, &relay](const Progress& p) {
        if (job.cancelled()) relay->cancel();
        job.report({p.done, p.total, withCounts(p)});
      });
      relay = &local;
      out->stats = encodeProject(*project, *encoder, s, &local, request.chunkSize);
      out->encoderId = QString::fromStdString(encoder->id());
      out->dimension = encoder->dimension();
    } catch (const std::exception& e) {
      out->error = QString::fromUtf8(e.what());
    }
  };
}

QString shortEncoderName(const QString& kind, const QString& id) {
  const QStringList parts = id.split(QLatin1Char(':'));
  const QString tag = parts.size() > 1 ? parts[1].left(8) : QString();
  return tag.isEmpty() ? kind : QStringLiteral("%1 · %2").arg(kind, tag);
}

}  // namespace il
