package io.mpire4j.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;

/**
 * Tells a type compiled from source in this compilation from one read from a class file, through
 * javac's trees (a class file has none). Without javac's trees every type counts as source, the
 * cautious answer. Confined to the compiler's processing thread.
 */
final class Sources {
    private final Trees trees;

    private Sources(Trees trees) {
        this.trees = trees;
    }

    static Sources in(ProcessingEnvironment environment) {
        try {
            return new Sources(Trees.instance(environment));
        } catch (RuntimeException | LinkageError notJavac) {
            return new Sources(null);
        }
    }

    /** Whether {@code element} comes from a source file of this compilation. */
    boolean isSource(Element element) {
        return trees == null || trees.getPath(element) != null;
    }
}
