// Parses every Java source file given on the command line with the JDK's own compiler front end
// (com.sun.source.util.JavacTask#parse) and reports syntax errors. Name resolution and type checking
// are skipped: the jsii runtime, cdk8s and constructs jars come from Maven Central, which is not
// reachable offline. Exit code 0 when every file parses, 1 otherwise.
// Run with `java test/support/JavaSyntaxCheck.java <files...>` (JDK 11+ single-file launch).
import com.sun.source.util.JavacTask;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public class JavaSyntaxCheck {
  public static void main(String[] args) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<File> files = new ArrayList<>();
    for (String arg : args) files.add(new File(arg));
    try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, null)) {
      JavacTask task = (JavacTask) compiler.getTask(null, fm, diagnostics, List.of("-proc:none"), null, fm.getJavaFileObjectsFromFiles(files));
      task.parse();
    }
    int errors = 0;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) continue;
      errors++;
      System.out.println(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null));
    }
    System.out.println("parsed " + files.size() + " files, " + errors + " syntax errors");
    System.exit(errors == 0 ? 0 : 1);
  }
}
