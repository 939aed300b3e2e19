package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentRegisterCsvTest {
  private static final String HEADER = String.join(",", ResidentRegisterCsv.COLUMNS) + "\n";
  private static final String HANAKO = "R1,H1,美濃,花子,ミノ,ハナコ,1950-04-01,2,岐阜県美濃市１番地,世帯主,Y,岐阜県美濃市１番地 美濃花子,Y,S-100,current\n";
  private static final String TARO = "R2,H1,美濃,太郎,ミノ,タロウ,1948-09-30,1,岐阜県美濃市１番地,夫,N,岐阜県美濃市１番地 美濃花子,Y,,current\n";

  private static ResidentRegisterCsv.Result read(String csv) throws Exception {
    return ResidentRegisterCsv.read(new StringReader(csv));
  }

  @Test
  void readsAHouseholdWithItsHead() throws Exception {
    var r = read(HEADER + HANAKO + TARO);
    assertTrue(r.clean(), r.problems().toString());
    assertEquals(2, r.residents().size());
    Resident hanako = r.residents().get(0);
    assertEquals("美濃\u3000花子", hanako.fullName());
    assertEquals(LocalDate.of(1950, 4, 1), hanako.birthDate());
    assertEquals(Resident.Sex.FEMALE, hanako.sex());
    assertTrue(hanako.headOfHousehold() && hanako.honsekiInCity() && hanako.sealRegistered());
    assertFalse(r.residents().get(1).sealRegistered());
  }

  @Test
  void aByteOrderMarkFromExcelIsTolerated() throws Exception {
    assertTrue(read("\uFEFF" + HEADER + HANAKO).clean());
  }

  @Test
  void badRowsAreReportedWithLineAndColumnAndNothingIsImported() throws Exception {
    String bad = "R3,H1,美濃,次郎,ミノ,ジロウ,1990-13-01,3,岐阜県美濃市１番地,子,N,,X,,living\n";
    var r = read(HEADER + HANAKO + bad);
    assertFalse(r.clean());
    assertEquals(List.of(), r.residents(), "a half-read register never replaces a good one");
    List<String> cols = r.problems().stream().map(CsvExtract.Problem::column).toList();
    assertEquals(List.of("birth_date", "sex", "status", "honseki_in_city"), cols);
    assertTrue(r.problems().stream().allMatch(p -> p.line() == 3), r.problems().toString());
    assertFalse(r.problems().toString().contains("次郎"), "problems never repeat personal data");
  }

  @Test
  void missingAndUnknownColumnsAreNamed() throws Exception {
    var r = read("resident_id,household_id,nickname\nR1,H1,x\n");
    assertTrue(r.problems().stream().anyMatch(p -> p.column().equals("birth_date") && p.message().equals("missing column")));
    assertTrue(r.problems().stream().anyMatch(p -> p.column().equals("nickname") && p.message().equals("unknown column")));
  }

  @Test
  void duplicateIdsAndHouseholdsWithoutOneHeadAreRefused() throws Exception {
    assertTrue(read(HEADER + HANAKO + HANAKO).problems().stream().anyMatch(p -> p.message().equals("appears twice")));
    assertTrue(read(HEADER + TARO).problems().stream().anyMatch(p -> p.message().contains("has 0 current heads")));
  }

  @Test
  void emptyRequiredCellIsNamed() throws Exception {
    var r = read(HEADER + HANAKO.replace("1950-04-01", ""));
    assertEquals("birth_date", r.problems().get(0).column());
    assertEquals("is empty", r.problems().get(0).message());
  }

  @Test
  void theCardsCertificateAndTheSealImpressionAreCheckedWithoutEchoingThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String header = HEADER.strip() + "," + String.join(",", ResidentRegisterCsv.OPTIONAL_COLUMNS) + "\n";
    String issuer = "\"CN=Test CA,O=JPKI,C=JP\"";
    java.nio.file.Files.write(dir.resolve("s100.png"), new byte[] {1});
    var good = ResidentRegisterCsv.read(new StringReader(header + HANAKO.strip() + "," + issuer + ",0a:1B,s100.png\n"), dir);
    assertTrue(good.clean(), good.problems().toString());
    Resident hanako = good.residents().get(0);
    assertEquals(new Resident.UserAuthCertificate(new javax.security.auth.x500.X500Principal("cn=test ca, o=jpki, c=jp"), java.math.BigInteger.valueOf(0x0a1b)), hanako.userAuth());
    assertEquals(dir.resolve("s100.png"), hanako.sealImpression());
    assertFalse(hanako.toString().contains("a1b") || hanako.userAuth().toString().toLowerCase().contains("a1b"), "no serial in logs");

    var bad = ResidentRegisterCsv.read(new StringReader(header
        + HANAKO.strip() + "," + issuer + ",XYZ,missing.png\n"
        + TARO.strip() + "," + issuer + ",,s100.png\n"), dir);
    assertEquals(List.of("auth_cert_serial", "seal_impression", "auth_cert_serial", "seal_impression"), bad.problems().stream().map(CsvExtract.Problem::column).toList(),
        bad.problems().toString());
    assertFalse(bad.problems().toString().contains("XYZ") || bad.problems().toString().contains("missing.png"), "problems never repeat a cell");
    var twice = read(header + HANAKO.strip() + "," + issuer + ",1F,\n" + TARO.strip() + "," + issuer + ",1f,\n");
    assertTrue(twice.problems().stream().anyMatch(p -> p.message().contains("same certificate")), "a certificate belongs to one resident");
    assertTrue(read(HEADER + HANAKO).clean(), "an extract of the earlier format still loads");
  }
}
