/** A multipart/form-data body with an optional "alt" field and one "file" part. */
export function multipart(
  file: Buffer,
  filename: string,
  alt?: string,
  fileType = 'application/octet-stream',
) {
  const boundary = '----emporium-test';
  const parts = [
    ...(alt !== undefined
      ? [`--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${alt}\r\n`]
      : []),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${fileType}\r\n\r\n`,
  ];
  return {
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
