package io.mpire4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports mpire4j method annotations in local and anonymous classes. The annotation-processing API
 * never shows a processor what is inside a method body, so this check runs as a javac
 * {@link TaskListener} after each top-level class is analysed, when the local classes have elements.
 * On compilers other than javac it is not installed. Called on the compiler's thread.
 */
final class LocalClassCheck implements TaskListener {
    private final Trees trees;

    private LocalClassCheck(Trees trees) {
        this.trees = trees;
    }

    /** Installs the check when the compiler is javac; otherwise does nothing. */
    static void install(ProcessingEnvironment environment) {
        try {
            JavacTask.instance(environment).addTaskListener(new LocalClassCheck(Trees.instance(environment)));
        } catch (IllegalArgumentException | IllegalStateException | LinkageError notJavac) {
            // Another compiler, or javac wrapped by a build tool: local classes go unchecked.
        }
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
            return;
        }
        TreePath path = trees.getPath(event.getTypeElement());
        if (path != null) {
            new Scanner(path.getCompilationUnit()).scan(path, null);
        }
    }

    /** Finds classes declared inside code and checks their methods. */
    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        private int localDepth;

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            boolean local = localDepth > 0
                    || !(parent instanceof ClassTree || parent instanceof CompilationUnitTree);
            if (!local) {
                return super.visitClass(node, unused);
            }
            Message message = parent instanceof NewClassTree ? Message.ANONYMOUS_CLASS : Message.LOCAL_CLASS;
            for (Tree member : node.getMembers()) {
                if (member instanceof MethodTree method) {
                    report(method, message);
                }
            }
            localDepth++;
            try {
                return super.visitClass(node, unused);
            } finally {
                localDepth--;
            }
        }

        private void report(MethodTree method, Message message) {
            Element element = trees.getElement(new TreePath(getCurrentPath(), method));
            if (element == null) {
                return;
            }
            List<Annotations> on = Annotations.methodAnnotationsOn(element);
            if (!on.isEmpty()) {
                trees.printMessage(Diagnostic.Kind.ERROR,
                        message.format(on.get(0).simpleName(), method.getName()), method, unit);
            }
        }
    }
}
