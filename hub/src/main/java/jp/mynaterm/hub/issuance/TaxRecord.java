package jp.mynaterm.hub.issuance;

/** One resident's income and tax for a fiscal year (年度), from the tax system's extract. */
public record TaxRecord(String residentId, int fiscalYear, long incomeYen, long taxableIncomeYen, long municipalTaxYen, long prefecturalTaxYen) {
  @Override
  public String toString() {
    return "TaxRecord[" + residentId + ", " + fiscalYear + "]";
  }
}
