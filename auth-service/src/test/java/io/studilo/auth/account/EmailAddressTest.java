package io.studilo.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.org", " Ada@Example.ORG", "ADA@EXAMPLE.ORG\t", "\n ada@example.org  "})
    void normalisesByTrimmingAndLowerCasing(String raw) {
        assertThat(EmailAddress.parse(raw).value()).isEqualTo("ada@example.org");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ada",
                "ada@",
                "@example.org",
                "ada@example",
                "ada@@example.org",
                "ada lovelace@example.org",
                "ada@exa mple.org",
                ".ada@example.org",
                "ada..l@example.org",
                "ada@-example.org",
                "ada@example.org.",
                "<script>@example.org"
            })
    void rejectsWhatIsNotAnAddress(String raw) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOfSatisfying(
                        InvalidFieldsException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidFieldsException.Violation::field)
                                .containsExactly("email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b+tag@sub.example.co.uk", "x@xn--bcher-kva.example", "o'brien@example.ie"})
    void acceptsCommonRealShapes(String raw) {
        assertThat(EmailAddress.tryParse(raw)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void rejectsOverlongAddresses() {
        String local = "a".repeat(65);
        assertThat(EmailAddress.tryParse(local + "@example.org")).isEmpty();
        String host = ("b".repeat(60) + ".").repeat(5) + "org";
        assertThat(EmailAddress.tryParse("ada@" + host)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void exposesTheLocalPart() {
        assertThat(EmailAddress.parse("Grace.Hopper@navy.mil").localPart()).isEqualTo("grace.hopper");
    }
}
