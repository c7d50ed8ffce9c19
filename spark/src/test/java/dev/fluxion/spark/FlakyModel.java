package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * A model that delegates to the code in {@link #DELEGATE} and makes the first task that computes
 * a gradient after {@link #FAIL_ONCE} is set fail, once, after it has computed (so a partial
 * result exists and is thrown away). Local mode runs the executors in the test's JVM, so the
 * static fields reach them.
 */
public final class FlakyModel implements Model {

    static volatile ModelCode delegateCode;
    static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();
    static final AtomicInteger RETRIED_ATTEMPTS = new AtomicInteger();

    private final Model delegate = delegateCode.newModel();

    /** The code of this class, for the executors. */
    static ModelCode code(ModelCode delegate) {
        delegateCode = delegate;
        return new ModelCode() {
            @Override
            public String key() {
                return "flaky:" + delegate.key();
            }

            @Override
            public Class<? extends Model> load() {
                return FlakyModel.class;
            }
        };
    }

    @Override
    public double lossAndGradient(double[][] inputs, int batch) {
        double loss = delegate.lossAndGradient(inputs, batch);
        TaskContext task = TaskContext.get();
        if (task != null && task.attemptNumber() > 0) {
            RETRIED_ATTEMPTS.incrementAndGet();
        }
        if (FAIL_ONCE.compareAndSet(true, false)) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure of task " + (task == null ? "?" : task.taskAttemptId()));
        }
        return loss;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String[] parameterNames() {
        return delegate.parameterNames();
    }

    @Override
    public int[][] parameterShapes() {
        return delegate.parameterShapes();
    }

    @Override
    public String[] parameterInitializers() {
        return delegate.parameterInitializers();
    }

    @Override
    public double[][] parameters() {
        return delegate.parameters();
    }

    @Override
    public double[][] gradients() {
        return delegate.gradients();
    }

    @Override
    public String[] inputNames() {
        return delegate.inputNames();
    }

    @Override
    public int[][] inputShapes() {
        return delegate.inputShapes();
    }

    @Override
    public double loss(double[][] inputs, int batch) {
        return delegate.loss(inputs, batch);
    }

    @Override
    public String[] outputNames() {
        return delegate.outputNames();
    }

    @Override
    public double[] evaluate(String output, double[][] inputs, int batch) {
        return delegate.evaluate(output, inputs, batch);
    }
}
