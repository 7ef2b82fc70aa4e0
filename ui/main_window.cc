#include "main_window.h"
namespace il {
MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) { setWindowTitle("InterestLens"); }
}  // namespace il
