package io.mpire4j.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Reports mpire4j annotations inside code, which the annotation-processing API never shows a
 * processor: methods of local and anonymous classes, and {@code @WorkerState}/{@code @WorkerId}
 * on lambda parameters. Runs in the first round that sees each compilation unit, on its syntax
 * trees (nothing inside a method body is attributed yet), so these errors come together with all
 * others instead of only once the rest compiles. Both processors call it ({@link ParallelProcessor}
 * is not asked when a unit shows no mpire4j annotation outside code; {@link StaleServicesProcessor}
 * is not asked in rounds whose annotations were all claimed). An annotation is recognised by its qualified
 * name, or by its simple name where the unit imports it or {@code io.mpire4j.annotations.*}. On
 * compilers other than javac it does nothing. Confined to the compiler's processing thread.
 */
final class LocalClassCheck {
    private static final String PACKAGE = "io.mpire4j.annotations";

    private final Trees trees;
    private final Set<CompilationUnitTree> checked = Collections.newSetFromMap(new IdentityHashMap<>());

    private LocalClassCheck(Trees trees) {
        this.trees = trees;
    }

    /**
     * The compilations' checks, by {@link javax.annotation.processing.Filer} (one per compilation):
     * both processors run the check, as either may be the one javac asks, and each unit is checked
     * once. Weak, so a daemon that compiles many times keeps none alive.
     */
    private static final Map<Object, LocalClassCheck> CHECKS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The check of the compilation of {@code environment}: javac's, or one that does nothing. */
    static LocalClassCheck in(ProcessingEnvironment environment) {
        return CHECKS.computeIfAbsent(environment.getFiler(), filer -> {
            try {
                return new LocalClassCheck(Trees.instance(environment));
            } catch (IllegalArgumentException | IllegalStateException | LinkageError notJavac) {
                return new LocalClassCheck(null);
            }
        });
    }

    /** Checks the compilation unit of {@code root}, once per unit. */
    void check(TypeElement root) {
        if (trees == null) {
            return;
        }
        TreePath path = trees.getPath(root);
        if (path != null && checked.add(path.getCompilationUnit())) {
            CompilationUnitTree unit = path.getCompilationUnit();
            new Scanner(unit).scan(unit, null);
        }
    }

    /** Finds classes and lambdas declared inside code and checks their annotations. */
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
                    mpire4j(method.getModifiers().getAnnotations(), Annotations.METHOD_ANNOTATIONS)
                            .ifPresent(a -> trees.printMessage(Diagnostic.Kind.ERROR,
                                    message.format(a.simpleName(), method.getName()), method, unit));
                }
            }
            localDepth++;
            try {
                return super.visitClass(node, unused);
            } finally {
                localDepth--;
            }
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            for (VariableTree parameter : node.getParameters()) {
                mpire4j(parameter.getModifiers().getAnnotations(), List.of(Annotations.WORKER_STATE, Annotations.WORKER_ID))
                        .ifPresent(a -> trees.printMessage(Diagnostic.Kind.ERROR,
                                Message.LAMBDA_WORKER_PARAMETER.format(a.simpleName(), parameter.getName()),
                                parameter, unit));
            }
            return super.visitLambdaExpression(node, unused);
        }

        /** The first of {@code candidates} among {@code annotations}. */
        private Optional<Annotations> mpire4j(List<? extends AnnotationTree> annotations, List<Annotations> candidates) {
            for (AnnotationTree annotation : annotations) {
                String name = annotation.getAnnotationType().toString();
                for (Annotations candidate : candidates) {
                    if (name.equals(candidate.qualifiedName())
                            || name.equals(candidate.simpleName()) && imports(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * Whether the unit imports {@code annotation} by name, or on demand without a single-type
         * import of another type of that simple name (which would win).
         */
        private boolean imports(Annotations annotation) {
            boolean onDemand = false;
            for (ImportTree imported : unit.getImports()) {
                if (imported.isStatic()) {
                    continue;
                }
                String name = imported.getQualifiedIdentifier().toString();
                if (name.equals(annotation.qualifiedName())) {
                    return true;
                }
                if (name.endsWith("." + annotation.simpleName())) {
                    return false;
                }
                onDemand |= name.equals(PACKAGE + ".*");
            }
            return onDemand;
        }
    }
}
