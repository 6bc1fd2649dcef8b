package io.mpire4j.processor;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes a compilation produced (user code and generated code) from memory, and serves
 * the other files it wrote to the class output (the services file) as resources; everything else,
 * the runtime included, comes from the test's class loader.
 *
 * <p>{@link #withOwnRuntime} also loads the runtime itself, as a child JVM's class path would: then
 * Java serialization inside the runtime resolves user classes as it does in a child JVM (it uses the
 * nearest class loader on the stack), but the runtime's types differ from the test's.
 */
final class CompiledClassLoader extends ClassLoader {
    private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

    private final Map<String, byte[]> classes = new HashMap<>();
    private final Map<String, byte[]> resources = new HashMap<>();
    private final boolean ownRuntime;

    CompiledClassLoader(Compilation compilation) {
        this(compilation, false);
    }

    private CompiledClassLoader(Compilation compilation, boolean ownRuntime) {
        super(CompiledClassLoader.class.getClassLoader());
        this.ownRuntime = ownRuntime;
        for (JavaFileObject file : compilation.generatedFiles()) {
            String name = file.getName();
            if (!name.startsWith(CLASS_OUTPUT)) {
                continue;
            }
            String path = name.substring(CLASS_OUTPUT.length());
            try (InputStream in = file.openInputStream()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    classes.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'),
                            in.readAllBytes());
                } else {
                    resources.put(path, in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A loader that also defines the runtime's classes ({@code io.mpire4j}) itself. */
    static CompiledClassLoader withOwnRuntime(Compilation compilation) {
        return new CompiledClassLoader(compilation, true);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!ownRuntime || !name.startsWith("io.mpire4j.") || name.startsWith("io.mpire4j.processor.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
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

    @Override
    protected URL findResource(String name) {
        byte[] bytes = resources.get(name);
        if (bytes == null) {
            return null;
        }
        try {
            return URL.of(URI.create("memory:/" + name), new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {}

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return Collections.enumeration(url == null ? List.of() : List.of(url));
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
