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
    assertTrue(read(HEADER + TARO).problems().stream().anyMatch(p -> p.message().contains("has 0 heads")));
  }

  @Test
  void emptyRequiredCellIsNamed() throws Exception {
    var r = read(HEADER + HANAKO.replace("1950-04-01", ""));
    assertEquals("birth_date", r.problems().get(0).column());
    assertEquals("is empty", r.problems().get(0).message());
  }
}
