// The work item that encodes a project's texts on the JobRunner's thread. It opens
// its own connection to the project (SQLite connections stay on one thread) and
// builds the encoder there too, since loading a model takes seconds.
#pragma once

#include <QString>
#include <memory>

#include "encode_job.h"
#include "job_runner.h"

namespace il {

struct EncodeRequest {
  QString projectPath;
  EncoderSettings settings;
  // Texts per committed chunk: smaller answers Cancel sooner, larger writes less often.
  int chunkSize = 64;
};

struct EncodeOutcome {
  EncodeStats stats;
  QString encoderId;  // empty when the encoder could not be built
  QString kind;
  int dimension = 0;
  QString error;      // what went wrong, naming the file where there is one
};

// `out` is filled on the job thread; read it in the job's Done callback.
JobRunner::Work encodeWork(EncodeRequest request, std::shared_ptr<EncodeOutcome> out);

// "tfidf · 3f9a0c1b" from "tfidf:3f9a0c1b77e2:k256": enough to tell encoders apart.
QString shortEncoderName(const QString& kind, const QString& id);

}  // namespace il
