package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the password comes from and how it is compared. */
class PasswordAuthenticatorTest {
    @Test
    void fromTheEnvironmentElseGenerated() {
        PasswordAuthenticator.Password given = PasswordAuthenticator.resolve(Map.of("LHS_SERVE_PASSWORD", "s3cret"));
        assertEquals("s3cret", given.password());
        assertFalse(given.generated());
        PasswordAuthenticator.Password a = PasswordAuthenticator.resolve(Map.of());
        PasswordAuthenticator.Password b = PasswordAuthenticator.resolve(Map.of());
        assertTrue(a.generated());
        assertEquals(24, a.password().length());
        assertNotEquals(a.password(), b.password());
        assertFalse(a.toString().contains(a.password()));
        assertThrows(
                IllegalArgumentException.class, () -> PasswordAuthenticator.resolve(Map.of("LHS_SERVE_PASSWORD", " ")));
    }

    @Test
    void matchesOnlyTheExactPassword() {
        byte[] expected = PasswordAuthenticator.digest("s3cret");
        assertTrue(PasswordAuthenticator.matches(expected, "s3cret"));
        assertFalse(PasswordAuthenticator.matches(expected, "s3cret "));
        assertFalse(PasswordAuthenticator.matches(expected, "S3cret"));
        assertFalse(PasswordAuthenticator.matches(expected, ""));
        assertFalse(PasswordAuthenticator.matches(expected, null));
        assertFalse(PasswordAuthenticator.matches(null, "s3cret"));
    }
}
