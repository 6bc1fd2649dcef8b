package io.mpire4j.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes a compilation produced (user code and generated code) from memory; everything
 * else, the runtime included, comes from the test's class loader.
 */
final class CompiledClassLoader extends ClassLoader {
    private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClassLoader(Compilation compilation) {
        super(CompiledClassLoader.class.getClassLoader());
        for (JavaFileObject file : compilation.generatedFiles()) {
            String name = file.getName();
            if (file.getKind() != JavaFileObject.Kind.CLASS || !name.startsWith(CLASS_OUTPUT)) {
                continue;
            }
            String binaryName = name.substring(CLASS_OUTPUT.length(), name.length() - ".class".length())
                    .replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(binaryName, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** Instantiates {@code className}, which must have a public no-argument constructor. */
    <T> T newInstance(String className, Class<T> type) {
        try {
            return type.cast(loadClass(className).getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot instantiate " + className, e);
        }
    }
}
