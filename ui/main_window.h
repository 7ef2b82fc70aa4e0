#pragma once
#include <QMainWindow>
namespace il {
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
};
}  // namespace il
