package io.mpire4j.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Recognizes the implicitly declared class of a compact source file (Java 25: methods at the top
 * level of {@code Squares.java}, no class around them). Other code cannot name such a class, so no
 * generated class can call it. The language model has no public test for it; the class is
 * implicit when it is top-level in the unnamed package and its source declares no type of its name.
 * Where the compiler's trees are unavailable, nothing is implicit. Confined to the processing thread.
 */
final class ImplicitClasses {
    private final Trees trees;

    private ImplicitClasses(Trees trees) {
        this.trees = trees;
    }

    static ImplicitClasses in(ProcessingEnvironment environment) {
        Trees trees;
        try {
            trees = Trees.instance(environment);
        } catch (RuntimeException | LinkageError notJavac) {
            trees = null;
        }
        return new ImplicitClasses(trees);
    }

    boolean isImplicit(TypeElement type) {
        if (trees == null || type.getNestingKind() != NestingKind.TOP_LEVEL || type.getKind() != ElementKind.CLASS
                || !(type.getEnclosingElement() instanceof PackageElement pkg) || !pkg.isUnnamed()) {
            return false;
        }
        TreePath path = trees.getPath(type);
        if (path == null) {
            return false;
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        try {
            CharSequence source = unit.getSourceFile().getCharContent(true);
            String name = Pattern.quote(type.getSimpleName().toString());
            return !Pattern.compile("\\b(class|record|enum|interface)\\s+" + name + "\\b").matcher(source).find();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
