#include "text_hash.h"

#include <QCryptographicHash>

namespace il {

std::string textHash(std::string_view text) {
  const QByteArray h = QCryptographicHash::hash(
      QByteArrayView(text.data(), static_cast<qsizetype>(text.size())), QCryptographicHash::Sha1);
  return h.toStdString();
}

}  // namespace il
