package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one JVM (an executor, or the driver in local mode) keeps between tasks: the loaded model
 * class per {@link ModelCode#key()}, compiled once, and idle model instances, so that a task
 * borrows a model whose buffers already exist instead of allocating them per partition and step.
 *
 * <p>The one piece of process-wide state in the module, on purpose: Spark runs tasks in a thread
 * pool per executor and gives them no other place to keep a class. Losing it is harmless:
 * {@link #clear()} (or a new executor) just makes the next task compile and allocate again, with
 * the same results.
 */
public final class ExecutorCache {

    private static final Map<String, Class<? extends Model>> CLASSES = new ConcurrentHashMap<>();
    private static final Map<String, ConcurrentLinkedQueue<Model>> IDLE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorCache() {
    }

    /** A new instance of the code's class, loading the class on first use. */
    static Model newInstance(ModelCode code) {
        Class<? extends Model> type = CLASSES.computeIfAbsent(code.key(), k -> {
            LOADS.incrementAndGet();
            return code.load();
        });
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate model class " + type.getName(), e);
        }
    }

    /** An idle instance of the code's model, or a new one: for one task, then {@link #release}. */
    static Model borrow(ModelCode code) {
        ConcurrentLinkedQueue<Model> idle = IDLE.get(code.key());
        Model m = idle == null ? null : idle.poll();
        return m != null ? m : newInstance(code);
    }

    /** Gives an instance back for the next task on this JVM. */
    static void release(ModelCode code, Model model) {
        IDLE.computeIfAbsent(code.key(), k -> new ConcurrentLinkedQueue<>()).add(model);
    }

    /**
     * Forgets every loaded class and idle instance, as a new executor would start: the next task
     * loads (compiles) the class again.
     */
    public static void clear() {
        CLASSES.clear();
        IDLE.clear();
    }

    /**
     * How many times a class was loaded (compiled) in this JVM, for tests and logs.
     *
     * @return the count since the JVM started
     */
    public static int loads() {
        return LOADS.get();
    }
}
