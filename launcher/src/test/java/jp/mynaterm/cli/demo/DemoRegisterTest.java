package jp.mynaterm.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hub.issuance.ResidentRegisterCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's extract and its virtual cards agree, so the demo kiosk serves residents who never visited a counter. */
class DemoRegisterTest {
  @Test
  void theExtractNamesEachVirtualCardsCertificateAndEverySealHasAnImpression(@TempDir Path dir) throws Exception {
    Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
    VirtualCardPki pki = VirtualCardPki.openOrCreate(dir.resolve("cards"));
    Path extract = DemoRegister.write(root.resolve("config/examples"), pki, dir.resolve("register"));

    var read = ResidentRegisterCsv.read(Files.newBufferedReader(extract, StandardCharsets.UTF_8), extract.getParent());
    assertTrue(read.clean(), read.problems().toString());
    for (var r : read.residents()) {
      var card = Resident.find(r.residentId());
      if (card.isPresent()) {
        var cert = pki.cardFor(card.get()).userAuth();
        assertEquals(jp.mynaterm.hub.issuance.Resident.UserAuthCertificate.of(cert), r.userAuth(), r.residentId());
      } else {
        assertNull(r.userAuth(), "a household member without a card: " + r.residentId());
      }
      if (r.sealRegistered()) {
        assertNotNull(ImageIO.read(r.sealImpression().toFile()), "a PNG impression for seal " + r.sealNumber());
      }
    }
  }
}
