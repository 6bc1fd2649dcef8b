package io.mpire4j.hazelcast;

import java.io.IOException;

/**
 * A member JVM for tests: runs {@link Member} and exits when its standard input ends, which it
 * does when the test JVM that started it ends, however it ends.
 */
public final class TestMember {
    private TestMember() {}

    public static void main(String[] args) throws Exception {
        Thread.ofPlatform().daemon(true).name("test-member-parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; only the end matters
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone
            }
            Runtime.getRuntime().halt(0);
        });
        Member.main(args);
    }
}
