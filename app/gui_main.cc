// interestlens: the desktop program. `interestlens [PROJECT.ilens]` or `--demo`.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIcon>
#include <QTemporaryDir>
#include <QTimer>

#include "data_table_panel.h"
#include "data_view.h"
#include "demo_project.h"
#include "import_dialog.h"
#include "interestlens_core.h"
#include "main_window.h"

namespace {

// --screenshot: waits until the shown table has its first rows, grabs `widget`, quits.
void grabWhenLoaded(QWidget* widget, il::ProjectTableModel* model, const QString& file) {
  auto* clock = new QElapsedTimer;
  clock->start();
  auto* poll = new QTimer(widget);
  QObject::connect(poll, &QTimer::timeout, widget, [=]() {
    const bool empty = model && (model->projectPath().isEmpty() ||
                                 (model->columnCount() > 0 && !model->isCounting() &&
                                  model->rowCount() == 0));
    const bool loaded = !model || empty || (model->rowCount() > 0 && model->isRowLoaded(0));
    if (!loaded && clock->elapsed() < 20000) return;
    poll->stop();
    delete clock;
    QTimer::singleShot(300, widget, [=]() {  // one more paint after the last page
      const bool ok = widget->grab().save(file);
      if (!ok) qWarning("could not write %s", qPrintable(file));
      QCoreApplication::exit(ok ? 0 : 1);
    });
  });
  poll->start(100);
}

il::DataTable tableNamed(const QString& name) {
  if (name == QLatin1String("users")) return il::DataTable::Users;
  if (name == QLatin1String("items")) return il::DataTable::Items;
  return il::DataTable::Texts;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("InterestLens"));
  QCoreApplication::setApplicationName(QStringLiteral("InterestLens"));
  QCoreApplication::setApplicationVersion(QString::fromUtf8(il::version()));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/interestlens.svg")));

  QCommandLineParser args;
  args.setApplicationDescription(
      QStringLiteral("Explore user interests from what users write, and what to recommend them."));
  args.addHelpOption();
  args.addVersionOption();
  QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo project."));
  // For documentation: grab the window (or the import dialog) once loaded, then quit.
  QCommandLineOption shot(QStringLiteral("screenshot"), QStringLiteral("Save a screenshot and quit."),
                          QStringLiteral("FILE"));
  QCommandLineOption shotTable(QStringLiteral("screenshot-table"),
                               QStringLiteral("Data table to show: users, items or texts."),
                               QStringLiteral("NAME"), QStringLiteral("texts"));
  QCommandLineOption shotImport(QStringLiteral("screenshot-import"),
                                QStringLiteral("Screenshot the import dialog with the demo files."));
  for (QCommandLineOption* o : {&shot, &shotTable, &shotImport})
    o->setFlags(QCommandLineOption::HiddenFromHelp);
  args.addOptions({demo, shot, shotTable, shotImport});
  args.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project file to open."),
                             QStringLiteral("[PROJECT.ilens]"));
  args.process(app);

  il::MainWindow window;
  const QString screenshot = args.value(shot);
  if (!screenshot.isEmpty()) {
    window.setShowImportReports(false);
    window.resize(1280, 800);
  }
  window.show();

  if (args.isSet(shotImport) && !screenshot.isEmpty()) {
    static QTemporaryDir tmp;
    const il::demo::Files files = il::demo::extractTo(tmp.path());
    auto* dialog = new il::ImportDialog(&window);
    dialog->addInteractionFiles({files.reviews});
    dialog->setItemFile(files.items);
    dialog->setProjectPath(QDir::home().filePath(QStringLiteral("reviews.ilens")));
    dialog->previewFile(files.reviews);
    dialog->show();
    grabWhenLoaded(dialog, nullptr, screenshot);
    return app.exec();
  }

  const QStringList positional = args.positionalArguments();
  if (!positional.isEmpty())
    window.openProject(positional.first());
  else if (args.isSet(demo))
    window.openDemo();

  if (!screenshot.isEmpty()) {
    const il::DataTable table = tableNamed(args.value(shotTable));
    window.dataView()->showTable(table);
    grabWhenLoaded(&window, window.dataView()->panel(table)->model(), screenshot);
  }
  return app.exec();
}
