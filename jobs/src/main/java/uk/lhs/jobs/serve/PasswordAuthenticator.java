package uk.lhs.jobs.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * {@code lhs serve}'s password check, plugged into HiveServer2 as its CUSTOM authentication provider
 * ({@code hive.server2.custom.authentication.class}; the Thrift server instantiates it itself, so the expected
 * password is held here, as a SHA-256 digest, never in a Spark or Hive setting a client could list). Any user name is
 * accepted; the password is compared in constant time (digests of equal length, {@link MessageDigest#isEqual}).
 */
public final class PasswordAuthenticator implements PasswdAuthenticationProvider {
    /** The environment variable that sets the password; without it a random one is generated at start. */
    public static final String ENV = "LHS_SERVE_PASSWORD";

    private static final AtomicReference<byte[]> EXPECTED = new AtomicReference<>();

    /** Called by HiveServer2 through reflection. */
    public PasswordAuthenticator() {}

    /**
     * The password to serve with: {@value #ENV} when set, else a generated one.
     *
     * @param password the password
     * @param generated whether it was generated (then it is printed once at start)
     */
    public record Password(String password, boolean generated) {
        @Override
        public String toString() {
            return "Password[hidden, generated=" + generated + "]";
        }
    }

    /** The password from the environment, else 24 random characters (144 bits). */
    public static Password resolve(Map<String, String> env) {
        String given = env.get(ENV);
        if (given != null) {
            if (given.isBlank()) {
                throw new IllegalArgumentException(
                        ENV + " is set but empty: set a password, or unset it to have one" + " generated");
            }
            return new Password(given, false);
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return new Password(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    /** Sets the password every connection must give. */
    static void install(String password) {
        EXPECTED.set(digest(password));
    }

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        if (!matches(EXPECTED.get(), password)) {
            throw new AuthenticationException("lhs serve: wrong password");
        }
    }

    static boolean matches(byte[] expectedDigest, String given) {
        if (expectedDigest == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, digest(given));
    }

    static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
