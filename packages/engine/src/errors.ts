/**
 * One table of stable codes and messages for everything the engine reports. The API maps error codes to 4xx;
 * codes never change once published, messages may improve.
 */
export const ERROR_CODES = {
  // scenario file: structure
  SCENARIO_SYNTAX: 'The file is not valid YAML or JSON',
  SCENARIO_NOT_OBJECT: 'A scenario must be a mapping of fields',
  SCENARIO_MISSING_FIELD: 'A required field is missing',
  SCENARIO_UNKNOWN_FIELD: 'This field is not part of a scenario file',
  SCENARIO_WRONG_TYPE: 'The value has the wrong type',
  SCENARIO_BAD_ID:
    'An id must be a slug: the scenario id lowercase letters, digits and hyphens; a sector id snake_case ([a-z][a-z0-9_]*), not `total`',
  SCENARIO_DUPLICATE_ID: 'The same id appears twice',
  SCENARIO_UNKNOWN_SECTOR: 'This sector is not defined in `sectors`',
  SCENARIO_UNKNOWN_PARENT: 'The parent of a sector must be another top-level sector of the file',
  SCENARIO_UNKNOWN_PERIOD: 'Periods are Q1, Q2, Q3, Q4, H1, 9M and FY',
  SCENARIO_NOT_NUMERIC: 'A growth figure must be a number (or printed text such as "7,5" or "7,0 - 7,5%")',
  SCENARIO_BAD_BAND: 'A band is [low, high] or one number',
  SCENARIO_NEGATIVE_BASE: 'Base-year levels cannot be negative',
  SCENARIO_BAD_BASE: 'Base-year levels are four numbers, Q1..Q4, for each sector',
  SCENARIO_BAD_ORIGIN: 'origin is official or implied',
  SCENARIO_BAD_VINTAGE: 'vintage is estimate, revised or official',
  SCENARIO_BAD_DATE: 'Dates are written YYYY-MM-DD',
  SCENARIO_BAD_YEAR: 'year must be a whole number between 1900 and 2200',
  SCENARIO_BAD_ACTUAL: 'An actual growth figure is more than −100 and at most 1000 (%)',
  SCENARIO_BAD_INDICATOR: 'An indicator or department entry is not valid',
  SCENARIO_TOO_DEEP: 'The document nests too deeply or expands too many aliases',
  SCENARIO_TOO_LARGE: 'The scenario is larger than the server accepts (see the limits in RELIABILITY.md)',
  SCENARIO_BAD_GROWTH: 'A target growth figure is more than −100 and at most 1000 (%)',
  SCENARIO_BAD_TEXT: 'Text cannot contain NUL characters or half characters (lone surrogates)',
  // computations
  INPUT_UNKNOWN_SECTOR: 'This sector is not in the scenario',
  INPUT_UNKNOWN_PERIOD: 'This period is not one of Q1, Q2, Q3, Q4, H1, 9M, FY',
  INPUT_MISSING_TARGET: 'The scenario has no band for this period and key',
  INPUT_MISSING_BASE: 'This computation needs base-year levels, and the scenario cannot supply them',
  INPUT_INVALID: 'The input is not valid',
} as const;

/**
 * The same messages in Vietnamese, code by code (the API answers them to `Accept-Language: vi`, the CLI prints
 * them with `--lang vi`). No English word: names of formats (YAML, JSON) are the only Latin words.
 */
export const ERROR_CODES_VI: Record<keyof typeof ERROR_CODES, string> = {
  SCENARIO_SYNTAX: 'Tệp không phải YAML hay JSON hợp lệ',
  SCENARIO_NOT_OBJECT: 'Kịch bản phải là một bảng các trường',
  SCENARIO_MISSING_FIELD: 'Thiếu một trường bắt buộc',
  SCENARIO_UNKNOWN_FIELD: 'Trường này không thuộc tệp kịch bản',
  SCENARIO_WRONG_TYPE: 'Giá trị sai kiểu',
  SCENARIO_BAD_ID:
    'Mã không hợp lệ: mã kịch bản gồm chữ thường, chữ số và dấu gạch ngang; mã ngành gồm chữ thường, chữ số và dấu gạch dưới, bắt đầu bằng chữ',
  SCENARIO_DUPLICATE_ID: 'Một mã xuất hiện hai lần',
  SCENARIO_UNKNOWN_SECTOR: 'Ngành này không được khai báo trong danh sách ngành',
  SCENARIO_UNKNOWN_PARENT: 'Ngành cha phải là một ngành cấp một khác của tệp',
  SCENARIO_UNKNOWN_PERIOD: 'Các kỳ là Q1, Q2, Q3, Q4, H1, 9M và FY',
  SCENARIO_NOT_NUMERIC: 'Số tăng trưởng phải là một số (hoặc dạng in như "7,5" hay "7,0 - 7,5%")',
  SCENARIO_BAD_BAND: 'Khoảng là [thấp, cao] hoặc một số',
  SCENARIO_NEGATIVE_BASE: 'Quy mô năm gốc không được âm',
  SCENARIO_BAD_BASE: 'Quy mô năm gốc là bốn số, quý 1 đến quý 4, cho mỗi ngành',
  SCENARIO_BAD_ORIGIN: 'Nguồn gốc phải là chính thức hoặc suy ra',
  SCENARIO_BAD_VINTAGE: 'Loại số liệu phải là ước tính, điều chỉnh hoặc chính thức',
  SCENARIO_BAD_DATE: 'Ngày viết theo dạng NNNN-TT-NN',
  SCENARIO_BAD_YEAR: 'Năm phải là số nguyên từ 1900 đến 2200',
  SCENARIO_BAD_ACTUAL: 'Số tăng trưởng thực tế phải lớn hơn −100 và không quá 1000 (%)',
  SCENARIO_BAD_INDICATOR: 'Một chỉ tiêu hoặc mục sở ngành không hợp lệ',
  SCENARIO_TOO_DEEP: 'Tài liệu lồng quá sâu hoặc mở rộng quá nhiều bí danh',
  SCENARIO_TOO_LARGE: 'Kịch bản lớn hơn mức máy chủ nhận (xem giới hạn trong RELIABILITY.md)',
  SCENARIO_BAD_GROWTH: 'Số tăng trưởng mục tiêu phải lớn hơn −100 và không quá 1000 (%)',
  SCENARIO_BAD_TEXT: 'Văn bản không được chứa ký tự NUL hay nửa ký tự',
  INPUT_UNKNOWN_SECTOR: 'Ngành này không có trong kịch bản',
  INPUT_UNKNOWN_PERIOD: 'Kỳ này không thuộc Q1, Q2, Q3, Q4, H1, 9M, FY',
  INPUT_MISSING_TARGET: 'Kịch bản không có khoảng mục tiêu cho kỳ và chỉ tiêu này',
  INPUT_MISSING_BASE: 'Phép tính cần quy mô năm gốc, và kịch bản không cung cấp được',
  INPUT_INVALID: 'Dữ liệu vào không hợp lệ',
};

/** Warnings and audit findings: reported, never stop a computation. */
export const WARNING_CODES = {
  'inverted-band': 'A band was printed with low > high; it is read as [min, max]',
  'total-outside-sector-range': 'No weighted mean of the sector bands can give this total band',
  'cumulative-inconsistent': 'With these base levels, the quarters do not produce this cumulative figure',
  'not-reproducible': 'No base levels reproduce the published table to its printed precision',
  'actual-total-inconsistent': 'The published sector figures do not produce the published total',
  'implied-base': 'No base-year levels in the file: levels calibrated from the published table are used',
  'target-gap': "Under these base levels the sectors' FY targets do not give the total's FY target",
  'implausible-growth': 'A re-drafted quarter needs growth beyond the plausible range, or a level below zero',
} as const;

/** The warnings in Vietnamese, code by code. */
export const WARNING_CODES_VI: Record<keyof typeof WARNING_CODES, string> = {
  'inverted-band': 'Khoảng được in với cận dưới lớn hơn cận trên; được đọc là [nhỏ, lớn]',
  'total-outside-sector-range': 'Không bình quân gia quyền nào của các khoảng ngành cho được khoảng tổng này',
  'cumulative-inconsistent': 'Với quy mô gốc này, các quý không cho ra số lũy kế này',
  'not-reproducible': 'Không có quy mô gốc nào tái tạo được bảng công bố đến độ chính xác đã in',
  'actual-total-inconsistent': 'Số liệu ngành đã công bố không cho ra tổng đã công bố',
  'implied-base': 'Tệp không có quy mô năm gốc: dùng quy mô suy ra từ bảng công bố',
  'target-gap': 'Với quy mô gốc này, mục tiêu cả năm của các ngành không cho ra mục tiêu cả năm của tổng',
  'implausible-growth': 'Một quý soạn lại cần tăng trưởng ngoài khoảng hợp lý, hoặc quy mô dưới không',
};

/**
 * An issue's message in a language: English is the issue's own (with its detail); Vietnamese is the catalogue's
 * sentence for the code (the detail is English, so it is left out; code, path and line still say where).
 */
export function issueMessage(i: Pick<Issue, 'code' | 'message'>, lang: 'vi' | 'en'): string {
  if (lang === 'en') return i.message;
  return (
    (ERROR_CODES_VI as Record<string, string>)[i.code] ??
    (WARNING_CODES_VI as Record<string, string>)[i.code] ??
    i.message
  );
}

export type ErrorCode = keyof typeof ERROR_CODES;
export type WarningCode = keyof typeof WARNING_CODES;

/** Where a problem is: a JSON path (`targets.Q4.product_taxes`), and when known the file and line. */
export interface Issue<C extends string = string> {
  code: C;
  path: string;
  message: string;
  line?: number;
  file?: string;
}

/** Thrown with every problem found at once. */
export class GrdpError extends Error {
  readonly issues: Issue<ErrorCode>[];
  constructor(issues: Issue<ErrorCode>[]) {
    const first = issues[0];
    super(
      issues.length === 1 && first
        ? `${first.code} at ${first.path || '(root)'}: ${first.message}`
        : `${issues.length} problems: ${issues.map((i) => `${i.code} at ${i.path || '(root)'}`).join('; ')}`,
    );
    this.name = 'GrdpError';
    this.issues = issues;
  }
}

/** An issue with the table's message, optionally followed by a detail. */
export function issue<C extends ErrorCode | WarningCode>(code: C, path: string, detail?: string): Issue<C> {
  const base = (ERROR_CODES as Record<string, string>)[code] ?? (WARNING_CODES as Record<string, string>)[code];
  return { code, path, message: detail ? `${base}: ${detail}` : base! };
}

/** Throws a GrdpError with one issue. */
export function fail(code: ErrorCode, path: string, detail?: string): never {
  throw new GrdpError([issue(code, path, detail)]);
}
