// Preloaded into every child (`node --import`): if the bench process dies without stopping
// its children, the IPC channel closes and the child shuts itself down.
if (process.channel) {
  process.once('disconnect', () => {
    setTimeout(() => process.exit(1), 5_000).unref();
    process.kill(process.pid, 'SIGTERM');
  });
  process.channel.unref(); // the channel alone must not keep the child alive
}
