/** Simplified Chinese: the default language of the command hall. Keys mirror en.ts. */
export const zhCN = {
  app: {
    title: 'SafeTwin 园区数字孪生指挥中心',
    loading: '正在加载场景…',
    sceneError: '场景加载失败：{{message}}',
    noScene: '服务器上没有可用的园区场景',
  },
  status: {
    connection: '连接',
    connecting: '连接中',
    live: '实时',
    reconnecting: '重连中',
    refused: '已拒绝：协议版本不匹配',
    refusedHint: '请刷新页面以加载新版本',
    error: '连接错误',
    serverClock: '服务器时间',
    readingsPerSecond: '读数/秒',
    frames: '帧数',
    devices: '设备',
    drill: '演练',
  },
  legend: {
    normal: '正常',
    high: '一级报警',
    highHigh: '二级报警',
    noData: '无数据',
    fault: '故障',
  },
  language: { toggle: 'EN', label: '切换到英文' },
} as const
