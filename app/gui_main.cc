#include <QApplication>
#include "main_window.h"
int main(int argc, char** argv) {
  QApplication app(argc, argv);
  il::MainWindow w;
  w.show();
  return app.exec();
}
