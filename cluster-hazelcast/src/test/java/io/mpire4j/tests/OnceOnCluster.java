package io.mpire4j.tests;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A contract class inherits its superclass's worker kinds as well as the {@code PROCESSES} of
 * {@link OnCluster}: this condition runs the class once, as its first {@code PROCESSES}
 * invocation, and skips the others, so each contract test runs once on the cluster.
 */
final class OnceOnCluster implements ExecutionCondition {
    private static final Map<Class<?>, String> CHOSEN = new ConcurrentHashMap<>();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // class-template invocations are not evaluated themselves: decide for each test of one
        ExtensionContext invocation = context.getParent().orElse(null);
        if (context.getTestMethod().isEmpty() || invocation == null
                || !invocation.getUniqueId().contains("[class-template-invocation:")) {
            return ConditionEvaluationResult.enabled("not a test of a class invocation");
        }
        if (!invocation.getDisplayName().equals("PROCESSES")) {
            return ConditionEvaluationResult.disabled("runs on the cluster only, as PROCESSES");
        }
        String chosen = CHOSEN.computeIfAbsent(context.getRequiredTestClass(), c -> invocation.getUniqueId());
        return chosen.equals(invocation.getUniqueId()) ? ConditionEvaluationResult.enabled("the cluster run")
                : ConditionEvaluationResult.disabled("already ran on the cluster");
    }
}
