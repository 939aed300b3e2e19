package jp.mynaterm.hub.issuance;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tax records the hub holds, by resident and fiscal year. */
public final class TaxRecords {
  public static final TaxRecords NONE = new TaxRecords(java.util.List.of());

  private final Map<String, Map<Integer, TaxRecord>> byResident;

  /** @param records at most one per resident and fiscal year (TaxRecordsCsv refuses a second) */
  public TaxRecords(Collection<TaxRecord> records) {
    this.byResident =
        records.stream()
            .collect(Collectors.groupingBy(TaxRecord::residentId, Collectors.toUnmodifiableMap(TaxRecord::fiscalYear, Function.identity())));
  }

  public Optional<TaxRecord> find(String residentId, int fiscalYear) {
    return Optional.ofNullable(byResident.getOrDefault(residentId, Map.of()).get(fiscalYear));
  }

  public int size() {
    return byResident.values().stream().mapToInt(Map::size).sum();
  }
}
