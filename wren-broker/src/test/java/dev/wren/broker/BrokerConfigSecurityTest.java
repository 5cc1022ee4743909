package dev.wren.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.security.AuthResult;
import dev.wren.broker.security.Authenticator;
import dev.wren.broker.security.Authorizer;
import dev.wren.codec.TopicFilter;
import org.junit.jupiter.api.Test;

/** The embedding SPI hooks of {@link BrokerConfig}: authenticator and authorizer. */
class BrokerConfigSecurityTest {
    private static final Authenticator NOBODY = r -> AuthResult.failure(dev.wren.codec.ReasonCode.NOT_AUTHORIZED);
    private static final Authorizer READ_ONLY = new Authorizer() {
        @Override
        public boolean canPublish(String clientId, String username, String topic) {
            return false;
        }

        @Override
        public boolean canSubscribe(String clientId, String username, TopicFilter filter) {
            return true;
        }
    };

    @Test
    void defaults_builtInAuthenticatorAndAllowAll() {
        BrokerConfig c = BrokerConfig.defaults();
        assertThat(c.authenticator()).as("null = built-in PasswordAuthenticator").isNull();
        assertThat(c.authorizer()).isSameAs(Authorizer.ALLOW_ALL);
    }

    @Test
    void builder_setsHooks_toBuilderKeepsThem() {
        BrokerConfig c = BrokerConfig.builder().authenticator(NOBODY).authorizer(READ_ONLY).build();
        assertThat(c.authenticator()).isSameAs(NOBODY);
        assertThat(c.authorizer()).isSameAs(READ_ONLY);
        BrokerConfig copy = c.toBuilder().port(0).build();
        assertThat(copy.authenticator()).isSameAs(NOBODY);
        assertThat(copy.authorizer()).isSameAs(READ_ONLY);
    }

    @Test
    void nullAuthorizer_meansAllowAll() {
        assertThat(BrokerConfig.builder().authorizer(null).build().authorizer()).isSameAs(Authorizer.ALLOW_ALL);
    }
}
