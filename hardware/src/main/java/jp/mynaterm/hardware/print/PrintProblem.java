package jp.mynaterm.hardware.print;

/**
 * Why a certificate did not print, in words the kiosk can show (Japanese first) and staff can act on.
 * The kiosk refunds or re-prints by problem, so each is specific.
 */
public enum PrintProblem {
  PRINTER_OFFLINE("プリンターに接続できません。係員をお呼びください。", "The printer is offline or disconnected."),
  PAPER_OUT("用紙がありません。係員をお呼びください。", "The printer is out of paper."),
  PAPER_JAM("用紙が詰まりました。係員をお呼びください。", "Paper is jammed in the printer."),
  COVER_OPEN("プリンターのカバーが開いています。係員をお呼びください。", "A printer cover or door is open."),
  PRINTER_STOPPED("プリンターが停止しています。係員をお呼びください。", "The printer queue is stopped (paused by staff or after an error)."),
  /**
   * CUPS completed the job (it left the computer), then the printer reported a jam or no paper: the
   * sheet may be stuck or torn inside, so it is not counted as printed; staff look in the printer.
   */
  JAMMED_AFTER_SENDING("用紙が詰まったため、証明書が出てこなかった可能性があります。係員をお呼びください。",
      "The job was sent, then the printer reported a jam or no paper: the sheet may be inside the printer."),
  JOB_STOPPED("印刷が途中で止まりました。係員をお呼びください。", "The print job stopped part-way."),
  JOB_CANCELED("印刷が取り消されました。", "The print job was canceled."),
  JOB_ABORTED("印刷できませんでした。係員をお呼びください。", "The printing system aborted the job."),
  TIMED_OUT("印刷が時間内に終わりませんでした。係員をお呼びください。", "The job did not finish in time."),
  PRINTER_NOT_FOUND("プリンターの設定に誤りがあります。係員をお呼びください。", "No such printer queue."),
  PRINT_SERVICE_UNREACHABLE("印刷サービスに接続できません。係員をお呼びください。", "The print service (CUPS) cannot be reached."),
  NOT_RENDERED("証明書を作成できませんでした。係員をお呼びください。", "The certificate could not be rendered.");

  private final String japanese;
  private final String english;

  PrintProblem(String japanese, String english) {
    this.japanese = japanese;
    this.english = english;
  }

  /** What the kiosk screen says to the resident. */
  public String japanese() {
    return japanese;
  }

  /** What the log and staff see. */
  public String english() {
    return english;
  }
}
