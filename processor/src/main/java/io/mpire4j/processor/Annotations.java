package io.mpire4j.processor;

import io.mpire4j.annotations.Parallel;
import io.mpire4j.annotations.WorkerExit;
import io.mpire4j.annotations.WorkerId;
import io.mpire4j.annotations.WorkerInit;
import io.mpire4j.annotations.WorkerState;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** The mpire4j annotations, recognised by name on an element's annotation mirrors. */
enum Annotations {
    PARALLEL(Parallel.class, false),
    WORKER_INIT(WorkerInit.class, false),
    WORKER_EXIT(WorkerExit.class, false),
    WORKER_STATE(WorkerState.class, true),
    WORKER_ID(WorkerId.class, true);

    /** The three method annotations, in the order the processor checks them. */
    static final List<Annotations> METHOD_ANNOTATIONS = List.of(PARALLEL, WORKER_INIT, WORKER_EXIT);

    private final Class<? extends Annotation> type;
    private final String qualifiedName;
    private final boolean parameterAnnotation;

    Annotations(Class<? extends Annotation> type, boolean parameterAnnotation) {
        this.type = type;
        this.qualifiedName = type.getCanonicalName();
        this.parameterAnnotation = parameterAnnotation;
    }

    Class<? extends Annotation> type() {
        return type;
    }

    /** Whether this annotation goes on parameters ({@code @WorkerState}, {@code @WorkerId}). */
    boolean isParameterAnnotation() {
        return parameterAnnotation;
    }

    String qualifiedName() {
        return qualifiedName;
    }

    /** The simple name, as written after {@code @}. */
    String simpleName() {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    /** Whether {@code element} carries this annotation. */
    boolean isOn(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element type = mirror.getAnnotationType().asElement();
            if (type instanceof TypeElement t && t.getQualifiedName().contentEquals(qualifiedName)) {
                return true;
            }
        }
        return false;
    }

    /** The method annotations {@code element} carries, in {@link #METHOD_ANNOTATIONS} order. */
    static List<Annotations> methodAnnotationsOn(Element element) {
        List<Annotations> found = new ArrayList<>();
        for (Annotations annotation : METHOD_ANNOTATIONS) {
            if (annotation.isOn(element)) {
                found.add(annotation);
            }
        }
        return found;
    }

    /** The qualified names of all five annotations, for {@code getSupportedAnnotationTypes()}. */
    static Set<String> qualifiedNames() {
        return Set.of(PARALLEL.qualifiedName, WORKER_INIT.qualifiedName, WORKER_EXIT.qualifiedName,
                WORKER_STATE.qualifiedName, WORKER_ID.qualifiedName);
    }
}
