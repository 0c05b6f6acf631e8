/** The app's ECharts build plus what the datasets view draws with: boxes and threshold lines. */
import { BoxplotChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { echarts } from '../charts/echarts.js';

echarts.use([BoxplotChart, MarkLineComponent]);

export { echarts };
