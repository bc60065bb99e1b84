package uk.lhs.jobs.serve;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy the read-only guard ({@link ReadOnlyExtension}) enforces in this JVM: none while {@code lhs serve} sets
 * its session up (registering the served tables needs {@code CREATE TABLE}), then installed once, before the server
 * accepts a connection, and never changed or removed. Held here, not in a Spark setting, so no SQL statement and no
 * connection option can read or change it.
 */
public final class ServeGuard {
    private static final AtomicReference<ServePolicy> POLICY = new AtomicReference<>();

    private ServeGuard() {}

    /** Switches the guard on for good; a second call must install the same policy. */
    public static void install(ServePolicy policy) {
        if (!POLICY.compareAndSet(null, policy) && !POLICY.get().equals(policy)) {
            throw new IllegalStateException("lhs serve: a different serving policy is already installed in this JVM");
        }
    }

    /** The installed policy, or empty while the session is being set up. */
    public static Optional<ServePolicy> policy() {
        return Optional.ofNullable(POLICY.get());
    }
}
