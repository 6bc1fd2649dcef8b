package io.mpire4j.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one way the processor reports a problem: always a {@link Message} from the catalogue and the
 * offending element, so the caret lands on the method or parameter at fault. Counts the errors so
 * callers can tell whether a class is clean. Confined to the compiler's processing thread.
 */
final class Reporter {
    private final Messager messager;
    private int errorCount;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    /** Reports {@code message} as an error on {@code element}. */
    void error(Element element, Message message, Object... args) {
        errorCount++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
    }

    /** Reports {@code message} as a warning on {@code element}; warnings are not counted. */
    void warning(Element element, Message message, Object... args) {
        messager.printMessage(Diagnostic.Kind.WARNING, message.format(args), element);
    }

    /** Reports {@code message} as an error on no element: for output that belongs to no class now. */
    void error(Message message, Object... args) {
        errorCount++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args));
    }

    /** The number of errors reported so far. */
    int errorCount() {
        return errorCount;
    }
}
