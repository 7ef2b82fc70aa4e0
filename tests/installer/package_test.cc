// Builds the Debian package with CPack and checks what it holds and depends on.
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "test_paths.h"

class PackageTest : public QObject {
  Q_OBJECT

  QString run(const QString& program, const QStringList& args, int timeoutMs = 600000) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) return "TIMEOUT";
    const QString out = QString::fromUtf8(p.readAll());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
      return "FAILED(" + QString::number(p.exitCode()) + "): " + out;
    return out;
  }

 private slots:
  void debPackageHasProgramsDemoDesktopFileAndDependencies() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cpackOut = run("cpack", {"-G", "DEB", "--config",
                                           il::test::binaryPath("CPackConfig.cmake"), "-B", dir.path()});
    QVERIFY2(!cpackOut.startsWith("FAILED") && cpackOut != "TIMEOUT", qPrintable(cpackOut));

    const QString deb = dir.filePath(QString("interestlens_%1_amd64.deb").arg(IL_PROJECT_VERSION));
    QVERIFY2(QFileInfo::exists(deb), qPrintable("no " + deb + " after:\n" + cpackOut));

    const QString listing = run("dpkg-deb", {"-c", deb});
    QSet<QString> paths;  // last column of "mode owner size date time path"
    for (const QString& line : listing.split('\n', Qt::SkipEmptyParts))
      paths.insert(line.section(' ', -1));
    for (const char* expected :
         {"./usr/bin/interestlens", "./usr/bin/interestlens-cli",
          "./usr/share/applications/interestlens.desktop",
          "./usr/share/icons/hicolor/scalable/apps/interestlens.svg",
          "./usr/share/interestlens/demo/items.csv", "./usr/share/interestlens/demo/reviews.csv",
          "./usr/" IL_INSTALL_LIBDIR "/interestlens/libinterestlens_cli_models.so"}) {
      QVERIFY2(paths.contains(expected), qPrintable(QString("missing %1 in:\n%2").arg(expected, listing)));
    }
    QVERIFY2(!listing.contains("/include/") && !listing.contains("_test"), qPrintable(listing));

    const QString depends = run("dpkg-deb", {"-f", deb, "Depends"});
    QVERIFY2(depends.contains("libopenblas0-pthread"), qPrintable(depends));
    QVERIFY2(depends.contains("libqt6svg6"), qPrintable(depends));
    QVERIFY2(depends.contains("libqt6widgets6"), qPrintable(depends));  // from shlibdeps
  }
};

QTEST_GUILESS_MAIN(PackageTest)
#include "package_test.moc"
