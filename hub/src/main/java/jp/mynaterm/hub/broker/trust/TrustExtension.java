package jp.mynaterm.hub.broker.trust;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.hub.pki.TrustView;
import jp.mynaterm.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's trust: registers {@link TerminalAuthenticator}, and every second looks whether
 * the PKI changed; if so, every live session whose certificate is now revoked (or which the PKI can
 * no longer vouch for) is dropped. Hourly it re-signs the CRL before it would expire.
 */
final class TrustExtension implements ExtensionMain {
  private static final Logger log = LoggerFactory.getLogger(TrustExtension.class);
  private static final Duration CRL_CHECK = Duration.ofHours(1);

  private final TerminalPki pki;
  private final TrustState trust;
  private final Topics topics;
  /** Client id → serial of the certificate it authenticated with. */
  private final Map<String, String> liveSerials = new ConcurrentHashMap<>();
  private TrustView checked;
  private long lastCrlCheck = System.nanoTime();

  TrustExtension(TerminalPki pki, Topics topics) {
    this.pki = pki;
    this.trust = new TrustState(pki);
    this.topics = topics;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    TerminalAuthenticator authenticator = new TerminalAuthenticator(trust, topics, liveSerials);
    Services.securityRegistry().setAuthenticatorProvider(in -> authenticator);
    checked = trust.current();
    checked.broken().ifPresent(why -> log.error("every client is refused until this is fixed: {}", why));
    Services.extensionExecutorService().scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    liveSerials.clear();
  }

  private void watch() {
    try {
      if (System.nanoTime() - lastCrlCheck > CRL_CHECK.toNanos()) {
        lastCrlCheck = System.nanoTime();
        if (pki.refreshCrl(false)) log.info("terminal CRL re-signed");
      }
      TrustView now = trust.current();
      if (now == checked) return;
      checked = now;
      now.broken().ifPresent(why -> log.error("every client is refused until this is fixed: {}", why));
      liveSerials.forEach(
          (clientId, serial) -> {
            if (!now.revoked(serial)) return;
            liveSerials.remove(clientId, serial);
            log.warn("dropping client '{}': certificate {} revoked", clientId, serial);
            Services.clientService().disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED, "certificate revoked");
          });
    } catch (IOException | RuntimeException e) {
      log.error("trust watch: {}", e.toString());
    }
  }
}
