package isa.duckdb.domain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells running work that its caller gave up (cancelled, or its deadline passed). Work registers
 * what to do on cancellation; the first {@link #cancel} wins and runs the hooks once.
 */
public final class CancellationSignal {
    private final AtomicReference<Cancellation> reason = new AtomicReference<>();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public static CancellationSignal none() {
        return new CancellationSignal();
    }

    /** Runs the hook now if already cancelled, else when cancelled. Returns a handle to remove it. */
    public Runnable onCancel(Runnable hook) {
        hooks.add(hook);
        if (reason.get() != null && hooks.remove(hook)) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /**
     * Runs every hook even when one of them throws; the first failure is rethrown afterwards, with
     * any later ones added to it as suppressed.
     *
     * @param why {@link ErrorKind#DEADLINE_EXCEEDED}, {@link ErrorKind#CANCELLED} or
     *     {@link ErrorKind#RESOURCE_EXHAUSTED} (a service-wide resource bound stopped the work)
     */
    public void cancel(ErrorKind why) {
        cancel(why, null);
    }

    /**
     * As {@link #cancel(ErrorKind)}, naming who cancelled in the error text ({@code "... was cancelled by
     * <by>"}, instead of "by the caller"), e.g. an operator's {@code CancelQuery}. With
     * {@link ErrorKind#RESOURCE_EXHAUSTED}, {@code by} names the bound that stopped the work
     * ({@code "... was stopped: <by>"}). The first cancel wins.
     */
    public void cancel(ErrorKind why, String by) {
        if (reason.compareAndSet(null, new Cancellation(why, by))) {
            RuntimeException failure = null;
            for (Runnable hook : hooks) {
                if (hooks.remove(hook)) {
                    try {
                        hook.run();
                    } catch (RuntimeException e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** The reason, or null while not cancelled. */
    public ErrorKind reason() {
        Cancellation cancellation = reason.get();
        return cancellation == null ? null : cancellation.kind();
    }

    /** The exception a cancelled piece of work ends with. */
    public ServiceException asException(String what) {
        Cancellation cancellation = reason.get();
        ErrorKind why = cancellation == null ? ErrorKind.CANCELLED : cancellation.kind();
        String by = cancellation == null || cancellation.by() == null ? "the caller" : cancellation.by();
        String detail = switch (why) {
            case DEADLINE_EXCEEDED -> what + " exceeded its deadline and was interrupted";
            case RESOURCE_EXHAUSTED -> what + " was stopped: " + (cancellation == null || cancellation.by() == null
                    ? "a resource limit of the service was reached" : cancellation.by());
            default -> what + " was cancelled by " + by;
        };
        return new ServiceException(why, detail);
    }

    private record Cancellation(ErrorKind kind, String by) {
    }
}
