package io.mpire4j.hazelcast;

import java.util.Arrays;

/**
 * A member JVM for tests: {@code TestMember <test JVM pid> <Member arguments>} runs {@link Member}
 * and exits when the test JVM that started it ends, however it ends.
 */
public final class TestMember {
    private TestMember() {}

    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[0]);
        ProcessHandle.of(parent).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> Runtime.getRuntime().halt(0));
        Member.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
