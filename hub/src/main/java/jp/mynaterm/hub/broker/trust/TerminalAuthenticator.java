package jp.mynaterm.hub.broker.trust;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.hub.pki.TrustView;
import jp.mynaterm.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a client in only with a certificate of the city's terminal CA that the registry holds and the
 * CRL does not list, and only under the client id the certificate names; gives it exactly the rights
 * of its registered role ({@link TopicRules}) and denies everything else explicitly — HiveMQ's default
 * behaviour is ALLOW until a first permission is added, so the default is set, not assumed. Why a
 * client was refused is logged here; the client only learns that it was not authorised.
 */
final class TerminalAuthenticator implements SimpleAuthenticator {
  private static final Logger log = LoggerFactory.getLogger(TerminalAuthenticator.class);

  private final TrustState trust;
  private final Topics topics;
  private final Map<String, String> liveSerials;

  TerminalAuthenticator(TrustState trust, Topics topics, Map<String, String> liveSerials) {
    this.trust = trust;
    this.topics = topics;
    this.liveSerials = liveSerials;
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    String clientId = input.getClientInformation().getClientId();
    ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
    permissions.clear();
    permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    Optional<X509Certificate> cert = input.getConnectionInformation().getClientTlsInformation().flatMap(ClientTlsInformation::getClientCertificate);
    if (cert.isEmpty()) {
      log.warn("refused client '{}': no client certificate", clientId);
      output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
      return;
    }
    switch (trust.current().identify(cert.get())) {
      case TrustView.Refused r -> {
        log.warn("refused client '{}': {}", clientId, r.reason());
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
      }
      case TrustView.Known k when !k.terminal().equals(clientId) -> {
        log.warn("refused client '{}': its certificate names '{}'", clientId, k.terminal());
        output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "the client id must be the certificate's terminal id");
      }
      case TrustView.Known k -> {
        for (TopicRules.Rule rule : TopicRules.forClient(topics, k.terminal(), k.role())) permissions.add(permission(rule));
        liveSerials.put(clientId, k.serial());
        log.info("client '{}' ({}) authenticated by certificate {}", clientId, k.role().key(), k.serial());
        output.authenticateSuccessfully();
      }
    }
  }

  private static TopicPermission permission(TopicRules.Rule rule) {
    return Builders.topicPermission()
        .topicFilter(rule.filter())
        .type(TopicPermission.PermissionType.ALLOW)
        .activity(rule.access() == TopicRules.Access.PUBLISH ? TopicPermission.MqttActivity.PUBLISH : TopicPermission.MqttActivity.SUBSCRIBE)
        .sharedSubscription(rule.shared() ? TopicPermission.SharedSubscription.ALL : TopicPermission.SharedSubscription.NOT_SHARED)
        .build();
  }
}
